window.MapviewerBasemapDetail.add('f/1_0',JSON.parse('{"land":[[[0,0,0,10000,10000,0,0,-10000,-10000,0]]],"x0":-176.0,"y0":-90.0,"q":0.0004}'));
