window.MapviewerBasemapDetail.add('f/7_39',JSON.parse('{"land":[[[10000,10000,0,-10000,-10000,0,0,10000,10000,0]]],"x0":-152.0,"y0":66.0,"q":0.0004}'));
