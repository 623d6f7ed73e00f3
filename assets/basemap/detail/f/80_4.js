window.MapviewerBasemapDetail.add('f/80_4',JSON.parse('{"land":[[[0,0,0,10000,10000,0,0,-10000,-10000,0]]],"x0":140.0,"y0":-74.0,"q":0.0004}'));
