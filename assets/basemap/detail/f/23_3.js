window.MapviewerBasemapDetail.add('f/23_3',JSON.parse('{"land":[[[10000,10000,0,-10000,-10000,0,0,10000,10000,0]]],"x0":-88.0,"y0":-78.0,"q":0.0004}'));
