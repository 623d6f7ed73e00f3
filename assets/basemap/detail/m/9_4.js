window.MapviewerBasemapDetail.add('m/9_4',JSON.parse('{"land":[[[3326,2719,2,6,14,-9,-11,-8,-5,11]]],"x0":-36.0,"y0":-26.0,"q":0.002}'));
