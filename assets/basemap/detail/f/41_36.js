window.MapviewerBasemapDetail.add('f/41_36',JSON.parse('{"land":[[[5779,8991,-5,4,7,-2,-2,-2]]],"x0":-16.0,"y0":54.0,"q":0.0004}'));
