window.MapviewerBasemapDetail.add('m/12_0',JSON.parse('{"land":[[[0,0,0,8000,8000,0,0,-8000,-8000,0]]],"x0":12.0,"y0":-90.0,"q":0.002}'));
