window.MapviewerBasemapDetail.add('f/87_16',JSON.parse('{"land":[[[8348,9131,4,7,7,-4,-4,-7,-7,4]]],"x0":168.0,"y0":-26.0,"q":0.0004}'));
