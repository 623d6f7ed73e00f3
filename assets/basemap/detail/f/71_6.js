window.MapviewerBasemapDetail.add('f/71_6',JSON.parse('{"land":[[[99,0,-99,0,0,16,99,-16]]],"x0":104.0,"y0":-66.0,"q":0.0004}'));
