window.MapviewerBasemapDetail.add('f/85_24',JSON.parse('{"land":[[[2479,9409,-33,0,-41,12,7,4,60,-7,7,-9]]],"x0":160.0,"y0":6.0,"q":0.0004}'));
