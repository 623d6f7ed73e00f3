window.MapviewerBasemapDetail.add('f/34_41',JSON.parse('{"land":[[[0,0,0,10000,10000,0,0,-10000,-10000,0]]],"borders1":[[0,10000,0,-10000]],"x0":-44.0,"y0":74.0,"q":0.0004}'));
