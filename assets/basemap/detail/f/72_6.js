window.MapviewerBasemapDetail.add('f/72_6',JSON.parse('{"land":[[[9039,168,580,-5,381,45,0,-208,-1870,0,909,168]]],"x0":108.0,"y0":-66.0,"q":0.0004}'));
