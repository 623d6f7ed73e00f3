window.MapviewerBasemapDetail.add('f/54_2',JSON.parse('{"land":[[[0,0,0,10000,10000,0,0,-10000,-10000,0]]],"x0":36.0,"y0":-82.0,"q":0.0004}'));
