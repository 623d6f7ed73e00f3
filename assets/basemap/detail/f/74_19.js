window.MapviewerBasemapDetail.add('f/74_19',JSON.parse('{"land":[[[9955,10000,45,0,0,-59,-45,59]]],"x0":116.0,"y0":-14.0,"q":0.0004}'));
