window.MapviewerBasemapDetail.add('f/32_1',JSON.parse('{"land":[[[0,9771,2131,229,7869,0,0,-10000,-10000,0,0,9771]]],"x0":-52.0,"y0":-86.0,"q":0.0004}'));
