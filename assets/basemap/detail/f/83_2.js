window.MapviewerBasemapDetail.add('f/83_2',JSON.parse('{"land":[[[10000,0,-10000,0,0,10000,10000,0,0,-10000]]],"x0":152.0,"y0":-82.0,"q":0.0004}'));
