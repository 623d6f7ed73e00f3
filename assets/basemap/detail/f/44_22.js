window.MapviewerBasemapDetail.add('f/44_22',JSON.parse('{"land":[[[10000,5012,0,-23,-12,0,0,23,12,0]]],"x0":-4.0,"y0":-2.0,"q":0.0004}'));
