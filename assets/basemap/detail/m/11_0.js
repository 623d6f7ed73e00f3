window.MapviewerBasemapDetail.add('m/11_0',JSON.parse('{"land":[[[8000,0,-8000,0,0,8000,8000,0,0,-8000]]],"x0":-4.0,"y0":-90.0,"q":0.002}'));
