window.MapviewerBasemapDetail.add('f/21_22',JSON.parse('{"land":[[[10000,9150,0,-22,-17,-4,-12,23,14,14,15,-11]]],"x0":-96.0,"y0":-2.0,"q":0.0004}'));
