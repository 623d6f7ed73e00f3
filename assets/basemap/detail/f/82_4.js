window.MapviewerBasemapDetail.add('f/82_4',JSON.parse('{"land":[[[0,0,0,10000,10000,0,0,-10000,-10000,0]]],"x0":148.0,"y0":-74.0,"q":0.0004}'));
