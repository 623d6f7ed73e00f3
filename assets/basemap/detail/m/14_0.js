window.MapviewerBasemapDetail.add('m/14_0',JSON.parse('{"land":[[[0,0,0,8000,8000,0,0,-8000,-8000,0]]],"x0":44.0,"y0":-90.0,"q":0.002}'));
