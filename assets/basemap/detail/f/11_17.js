window.MapviewerBasemapDetail.add('f/11_17',JSON.parse('{"land":[[[1186,1282,55,-6,47,-18,39,-32,29,-46,-170,102]]],"x0":-136.0,"y0":-22.0,"q":0.0004}'));
