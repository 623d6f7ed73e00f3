window.MapviewerBasemapDetail.add('f/88_16',JSON.parse('{"land":[[[141,9013,7,-7,-5,-6,-7,7,5,6]]],"x0":172.0,"y0":-26.0,"q":0.0004}'));
