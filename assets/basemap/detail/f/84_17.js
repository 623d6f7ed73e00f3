window.MapviewerBasemapDetail.add('f/84_17',JSON.parse('{"land":[[[5832,5316,-30,15,-20,30,6,3,26,-22,18,-26]]],"x0":156.0,"y0":-22.0,"q":0.0004}'));
