window.MapviewerBasemapDetail.add('f/18_15',JSON.parse('{"land":[[[6341,8858,10,-20,-28,18,12,5,6,-3]]],"x0":-108.0,"y0":-30.0,"q":0.0004}'));
