window.MapviewerBasemapDetail.add('f/6_17',JSON.parse('{"land":[[[3260,496,2,-11,-4,-1,-15,20,9,2,8,-10]]],"x0":-156.0,"y0":-22.0,"q":0.0004}'));
