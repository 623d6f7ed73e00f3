window.MapviewerBasemapDetail.add('f/58_18',JSON.parse('{"land":[[[6286,5276,16,11,1,-22,-17,11]]],"x0":52.0,"y0":-18.0,"q":0.0004}'));
