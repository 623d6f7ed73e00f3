window.MapviewerBasemapDetail.add('f/49_1',JSON.parse('{"land":[[[0,0,0,10000,10000,0,0,-10000,-10000,0]]],"x0":16.0,"y0":-86.0,"q":0.0004}'));
