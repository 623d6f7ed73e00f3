window.MapviewerBasemapDetail.add('f/35_40',JSON.parse('{"land":[[[10000,0,-10000,0,0,10000,10000,0,0,-10000]]],"borders1":[[0,2500,10000,0]],"x0":-40.0,"y0":70.0,"q":0.0004}'));
