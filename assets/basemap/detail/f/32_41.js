window.MapviewerBasemapDetail.add('f/32_41',JSON.parse('{"land":[[[0,10000,10000,0,0,-10000,-10000,0,0,10000]]],"x0":-52.0,"y0":74.0,"q":0.0004}'));
