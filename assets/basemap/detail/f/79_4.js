window.MapviewerBasemapDetail.add('f/79_4',JSON.parse('{"land":[[[10000,0,-10000,0,0,10000,10000,0,0,-10000]]],"x0":136.0,"y0":-74.0,"q":0.0004}'));
