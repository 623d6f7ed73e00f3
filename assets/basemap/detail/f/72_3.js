window.MapviewerBasemapDetail.add('f/72_3',JSON.parse('{"land":[[[0,10000,10000,0,0,-10000,-10000,0,0,10000]]],"x0":108.0,"y0":-78.0,"q":0.0004}'));
