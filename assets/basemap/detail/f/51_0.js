window.MapviewerBasemapDetail.add('f/51_0',JSON.parse('{"land":[[[10000,0,-10000,0,0,10000,10000,0,0,-10000]]],"x0":24.0,"y0":-90.0,"q":0.0004}'));
