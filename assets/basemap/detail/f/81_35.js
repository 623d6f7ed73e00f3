window.MapviewerBasemapDetail.add('f/81_35',JSON.parse('{"land":[[[7,32,11,-32,-18,0,0,42,7,-10]]],"x0":144.0,"y0":50.0,"q":0.0004}'));
