window.MapviewerBasemapDetail.add('f/25_15',JSON.parse('{"land":[[[273,9121,1,-11,-17,-7,-31,2,20,26,27,-10]]],"x0":-80.0,"y0":-30.0,"q":0.0004}'));
