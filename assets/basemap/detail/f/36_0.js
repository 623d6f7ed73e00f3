window.MapviewerBasemapDetail.add('f/36_0',JSON.parse('{"land":[[[0,10000,10000,0,0,-10000,-10000,0,0,10000]]],"x0":-36.0,"y0":-90.0,"q":0.0004}'));
