window.MapviewerBasemapDetail.add('f/41_30',JSON.parse('{"land":[[[313,345,3,14,23,22,22,-14,2,-18,-12,-16,-38,12]]],"x0":-16.0,"y0":30.0,"q":0.0004}'));
