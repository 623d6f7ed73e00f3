window.MapviewerBasemapDetail.add('f/36_38',JSON.parse('{"land":[[[28,9962,-28,-5,0,43,147,0,-119,-38]]],"x0":-36.0,"y0":62.0,"q":0.0004}'));
