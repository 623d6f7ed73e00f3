window.MapviewerBasemapDetail.add('m/3_4',JSON.parse('{"land":[[[1829,814,-4,15,10,9,13,-5,7,-16,-5,-24,-21,21]]],"x0":-132.0,"y0":-26.0,"q":0.002}'));
