window.MapviewerBasemapDetail.add('m/15_0',JSON.parse('{"land":[[[8000,0,-8000,0,0,8000,8000,0,0,-8000]]],"x0":60.0,"y0":-90.0,"q":0.002}'));
