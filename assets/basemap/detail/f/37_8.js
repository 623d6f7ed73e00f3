window.MapviewerBasemapDetail.add('f/37_8',JSON.parse('{"land":[[[9579,3210,-47,-26,-57,3,-8,28,50,25,54,-2,8,-28]]],"x0":-32.0,"y0":-58.0,"q":0.0004}'));
