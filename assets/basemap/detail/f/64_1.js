window.MapviewerBasemapDetail.add('f/64_1',JSON.parse('{"land":[[[0,10000,10000,0,0,-10000,-10000,0,0,10000]]],"x0":76.0,"y0":-86.0,"q":0.0004}'));
