window.MapviewerBasemapDetail.add('f/58_20',JSON.parse('{"land":[[[1855,7514,13,-27,-13,9,0,18]]],"x0":52.0,"y0":-10.0,"q":0.0004}'));
