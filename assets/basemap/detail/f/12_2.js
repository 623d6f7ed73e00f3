window.MapviewerBasemapDetail.add('f/12_2',JSON.parse('{"land":[[[0,10000,10000,0,0,-10000,-10000,0,0,10000]]],"x0":-132.0,"y0":-82.0,"q":0.0004}'));
