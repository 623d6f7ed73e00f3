window.MapviewerBasemapDetail.add('f/24_15',JSON.parse('{"land":[[[9731,9313,30,22,13,-21,-43,-1]]],"x0":-84.0,"y0":-30.0,"q":0.0004}'));
