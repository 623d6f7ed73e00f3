window.MapviewerBasemapDetail.add('f/35_41',JSON.parse('{"land":[[[10000,0,-10000,0,0,10000,10000,0,0,-10000]]],"x0":-40.0,"y0":74.0,"q":0.0004}'));
