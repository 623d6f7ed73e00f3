window.MapviewerBasemapDetail.add('f/10_16',JSON.parse('{"land":[[[9591,9966,-5,-27,-25,-14,-26,-11,56,52]]],"x0":-140.0,"y0":-26.0,"q":0.0004}'));
