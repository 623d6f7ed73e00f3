window.MapviewerBasemapDetail.add('f/4_24',JSON.parse('{"land":[[[4000,1076,0,37,37,0,0,-37,-37,0]]],"x0":-164.0,"y0":6.0,"q":0.0004}'));
