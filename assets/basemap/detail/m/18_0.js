window.MapviewerBasemapDetail.add('m/18_0',JSON.parse('{"land":[[[0,0,0,8000,8000,0,0,-8000,-8000,0]]],"x0":108.0,"y0":-90.0,"q":0.002}'));
