window.MapviewerBasemapDetail.add('f/87_19',JSON.parse('{"land":[[[2065,4296,-59,-23,-11,22,36,39,26,-2,8,-36]]],"x0":168.0,"y0":-14.0,"q":0.0004}'));
