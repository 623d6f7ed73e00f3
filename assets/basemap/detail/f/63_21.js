window.MapviewerBasemapDetail.add('f/63_21',JSON.parse('{"land":[[[577,1702,-6,-14,-17,-8,23,22]]],"x0":72.0,"y0":-6.0,"q":0.0004}'));
