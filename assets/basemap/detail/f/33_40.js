window.MapviewerBasemapDetail.add('f/33_40',JSON.parse('{"land":[[[0,0,0,10000,10000,0,0,-10000,-10000,0]]],"x0":-48.0,"y0":70.0,"q":0.0004}'));
