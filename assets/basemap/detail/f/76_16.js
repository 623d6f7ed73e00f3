window.MapviewerBasemapDetail.add('f/76_16',JSON.parse('{"land":[[[0,0,0,10000,10000,0,0,-10000,-10000,0]]],"x0":124.0,"y0":-26.0,"q":0.0004}'));
