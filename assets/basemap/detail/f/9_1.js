window.MapviewerBasemapDetail.add('f/9_1',JSON.parse('{"land":[[[0,0,0,10000,10000,0,0,-10000,-10000,0]]],"x0":-144.0,"y0":-86.0,"q":0.0004}'));
