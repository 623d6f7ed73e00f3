window.MapviewerBasemapDetail.add('f/45_22',JSON.parse('{"land":[[[11,5012,0,-23,-11,0,0,23,11,0]]],"x0":0.0,"y0":-2.0,"q":0.0004}'));
