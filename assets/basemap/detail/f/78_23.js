window.MapviewerBasemapDetail.add('f/78_23',JSON.parse('{"land":[[[551,8276,16,-15,-16,-30,-16,37,16,8]]],"x0":132.0,"y0":2.0,"q":0.0004}'));
